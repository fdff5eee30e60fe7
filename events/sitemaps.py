# Event pages are Wagtail pages (in the page sitemap); the listing is a view.
PUBLIC_URL_NAMES = ["events:list"]
