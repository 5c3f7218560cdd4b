"""Socially Aware: a private, offline assistant for locking down social media and cleaning photos."""

__version__ = "0.1.0"
APP_ID = "org.sociallyaware.SociallyAware"
APP_NAME = "Socially Aware"
