"""Reports of a round: plotly figures (no streamlit) and exports (CSV, XLSX, intro messages)."""
