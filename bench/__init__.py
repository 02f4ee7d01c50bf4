"""Benchmarks against the peer SDKs (``make bench``); see docs/performance.md."""
