"""Slow work (report builds, PDFs, exports) done away from web requests: queue.py."""
