//! Job postings: create, edit, publish, search.
