PUBLIC_URL_NAMES = ["mentors:apply"]
