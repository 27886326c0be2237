"""Reports: the program summary, bulletins (通报) and their renderers, Excel exports."""
