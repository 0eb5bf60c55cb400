"""Open data: what Raadsvolg gives to machines and to the public besides its pages — the
read-only API, the Woo publication (DiWoo metadata and sitemap) and the figures."""
