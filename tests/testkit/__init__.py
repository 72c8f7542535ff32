"""Helpers shared by the test layers: building sites, serving them, reading them."""
