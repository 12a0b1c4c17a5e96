"""`nianbao serve`: the web application over the same store as the CLI (see app.create_app)."""
