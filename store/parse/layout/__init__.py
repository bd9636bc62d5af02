"""The page model: label each line of a flattened page, then assemble articles."""
