"""Number formats for Spanish as written in the United States (as es_MX): "$15.50 la hora",
not Spain's "$15,50" (issue 20, item 5)."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
