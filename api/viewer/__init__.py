"""The interactive graph viewer: network data built with pyvis, our own offline page."""
