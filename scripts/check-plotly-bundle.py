"""Fails unless the plotly.js bundle given has the plotly.js version the installed plotly.py ships (and exports use).

    python scripts/check-plotly-bundle.py node_modules/plotly.js-basic-dist-min/plotly-basic.min.js
"""

import re
import sys
from pathlib import Path

from plotly.offline import get_plotlyjs_version

head = Path(sys.argv[1]).read_text(encoding="utf-8")[:400]
found = re.search(r"plotly\.js \(\w+ - minified\) v(\S+)", head)
want = get_plotlyjs_version()
if not found or found.group(1) != want:
    sys.exit(f"{sys.argv[1]} is plotly.js {found.group(1) if found else '?'}; plotly.py ships {want}: "
             f"set plotly.js-basic-dist-min to {want} in package.json and run npm install")
