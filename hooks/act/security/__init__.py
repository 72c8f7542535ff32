"""Defence in depth against hostile pull requests (issue 13).

- `files`: only an allowlist of file types and names is published from docs/; any
  symbolic link under docs/ or overrides/ fails the build.
- `safe_yaml`: YAML read with aliases refused and a size limit.
- `allowlist` + `gate`: after the build every written HTML, SVG, JS, JSON and XML file is
  parsed the way a browser parses it (lexbor, via selectolax) and checked against the
  allowlist; what is not listed fails the build.
- `csp`: the Content-Security-Policy, read once from docs/_headers, also placed as a
  `<meta>` tag in every page for hosts that send no headers and for file://.
"""
