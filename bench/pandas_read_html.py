# The pandas baseline of bench/extract_throughput.sh: pandas.read_html (every <table> of a page
# to a DataFrame, no recognition) over the given HTML files, one process, one core; prints docs/s.
# Usage: python3 bench/pandas_read_html.py FILE...
import sys
import time

import pandas


def read_tables(path):
    try:
        return len(pandas.read_html(path))
    except ValueError:  # "No tables found": a page without tables still counts as read
        return 0


def main(paths):
    if not paths:
        sys.exit("usage: pandas_read_html.py FILE...")
    started = time.perf_counter()
    tables = sum(read_tables(path) for path in paths)
    seconds = time.perf_counter() - started
    print(f"pandas.read_html: {len(paths)} docs, {tables} tables, {seconds:.2f} s, "
          f"{len(paths) / seconds:.1f} docs/s (pandas {pandas.__version__})")


if __name__ == "__main__":
    main(sys.argv[1:])
