"""Workers' work on young people's free text: themes, hand coding and quotes (staff pages only)."""
