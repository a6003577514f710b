"""What a page publishes for podcast apps, and the show's own feed.

- :mod:`.exports`  -- the writers' files on the page (``exports``); names that clash
- :mod:`.details`  -- an episode's details: front matter, the media's duration (pure)
- :mod:`.episodes` -- the episode pages, their records, guids, details under the title
- :mod:`.source`   -- an existing RSS feed as the pages' source of details
- :mod:`.rss`      -- the feed's XML: RSS 2.0, Apple's and the Podcasting 2.0 tags (pure)
- :mod:`.publish`  -- the feed written by the HTML builders; JSON-LD on the pages
"""
