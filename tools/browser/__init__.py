"""Developer tools around a built site: a local static server, the page tour, screenshots."""
