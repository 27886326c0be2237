"""The dashboard: program, 市州 and unit views, the public page; all drawn from one summary."""
