"""Writing entries for editors: new ones (`dostyq new`) and imported ones
(`dostyq import-ics`), in the content format the model reads."""
