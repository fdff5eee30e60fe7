"""Settings are split by purpose: base (shared), dev, test and production.

Everything that differs between deployments comes from environment variables
(see README, "Production settings").
"""
