"""`resdiff serve`: a local web application over the readers, the compare engine, the
corpus and the renderers (issue #14). It needs the `web` extra (FastAPI, uvicorn,
python-multipart); nothing else in resdiff imports this package, so the command line
pays for the framework only when it serves.
"""
