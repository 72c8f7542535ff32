"""Related topics: page text and links as evidence, the ranking, the reasons, the lists."""
