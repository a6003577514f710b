"""What a page publishes for podcast apps: ``exports`` (the writers' files on the page)."""
