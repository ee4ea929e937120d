//! Names in many spellings: transliteration, normalisation and fuzzy matching.
