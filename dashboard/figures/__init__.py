"""Pure figure builders: DataFrame (+ options) -> go.Figure. No Dash, no globals."""
