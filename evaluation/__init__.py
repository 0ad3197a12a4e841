"""Quality and speed measurements of eventwire, run by `make eval` and `make bench`."""
