"""yuebao's widgets: Line-API lists, the reader, the filter line."""
