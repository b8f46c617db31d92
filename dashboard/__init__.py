"""AI+ Indicators dashboard (Plotly Dash) over the warehouse tables."""
