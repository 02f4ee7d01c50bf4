"""HTTP routers; each module maps wire parameters onto the services."""
