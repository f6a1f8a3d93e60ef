"""Output formats. Each module renders models from `diffcore`; none parses text."""
