"""ETL for AI+ Indicators: curated claim files -> validated Parquet tables."""
