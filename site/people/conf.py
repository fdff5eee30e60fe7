"""Settings of the people app, read in this one place, each with a default (see
`samverka.core.conf`). None is required."""

from samverka.core.conf import AppSettings

settings = AppSettings(
    "SAMVERKA_PEOPLE_",
    {
        # Days after which a contact -- a Person with no account and nothing else about them
        # (no newcomer, participant or coaching profile, no referral, no outcome) -- is
        # erased by `tick`, counted from their last change. The municipality may choose
        # another period in the admin (Retention periods).
        "CONTACT_RETENTION_DAYS": 365,
    },
)
