"""The finance and steering records: budget lines, appropriations, expected variances,
spending, staffing and operating costs, kept by the secretariat and the analysts and read by
the quarterly report through the analytical store (records.export_files)."""
