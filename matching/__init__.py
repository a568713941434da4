"""Pairwise matching engine: survey in, fair explainable pairing out.

This package never imports streamlit; every value arrives as an argument.
"""

__version__ = "0.1.0"
