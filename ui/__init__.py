"""The only Streamlit-aware helpers: session state, cached wrappers, the share-link codec, the sidebar."""
