"""The company service's records: companies, contacts, recruitment requests, company-directed
offers, *Vi ta'r ansvar* and its award (URLs under /virksomheder/)."""
