// filled by its area
