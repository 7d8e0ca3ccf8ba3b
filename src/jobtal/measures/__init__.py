"""The figures of DOMAIN.md as pure functions from Ibis tables to tidy Ibis tables.

monthly     the monthly figures per municipality and leaf group: full-time persons,
            long-term unemployed, full-time activated (`monthly_figures`), and
            `compute_monthly` to run them on a store
long_term   the 80 % rule of long-term unemployment, set-based
intervals   day intervals and counting them per month
change      change in percent and percentage points, national share, period means
engine      the Ibis backend for a store (DuckDB now, others pluggable)
"""
