PUBLIC_URL_NAMES = ["associations:directory", "associations:become_volunteer"]
