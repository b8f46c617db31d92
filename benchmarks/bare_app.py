"""The baseline of benchmarks/first_load.py: a bare one-graph Dash page (Dash's defaults: full plotly.min.js, no
compression), served by gunicorn from the same environment as the product:

    .venv/bin/gunicorn -w 2 -b 127.0.0.1:8071 --chdir benchmarks bare_app:server
"""

import plotly.graph_objects as go
from dash import Dash, dcc, html

app = Dash(__name__, title="bare Dash")
fig = go.Figure(go.Scatter(x=[2020, 2021, 2022, 2023, 2024, 2025], y=[1, 3, 2, 5, 4, 6], mode="lines+markers"))
fig.update_layout(title="One graph")
app.layout = html.Div([html.H1("A bare Dash page"), html.Div(dcc.Graph(figure=fig), className="chart-slot")])
server = app.server
