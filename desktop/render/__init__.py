"""Printing reports (Qt): A4 pages for PDF files, print preview and printers, from the same painter code.

`output.paint(report, device)` lays a report out on any paged device (QPdfWriter, QPrinter);
`output.write_pdf` and `output.print_report` wrap it for the command line and the GUI. The layout
is HTML in a QTextDocument (tables repeat their header rows on every page) painted page by page
with the running header and footer; the QR code and the bar chart are painted as images.
"""
