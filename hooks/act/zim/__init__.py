"""The Kiwix edition: the offline build as one ZIM file with a title and a full-text index.

`make zim` (scripts/zim.py) builds the site with OFFLINE=true exactly as the offline zip
does, turns it into the ZIM variant (`variant`: the one place that says what differs inside
Kiwix), writes every file with python-libzim (`writer`) and then makes the bytes
reproducible (`reproducible`: libzim draws random UUIDs that python-libzim cannot set).
"""
