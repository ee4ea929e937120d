//! Group-photo captions parsed into rows of names, left to right.
