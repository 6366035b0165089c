"""``apologykit check``: what a template author got wrong, found before a customer sees it."""
