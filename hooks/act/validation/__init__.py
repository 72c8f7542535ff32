"""Page validation: front-matter schema, body and SVG rules, names across pages, review dates."""
