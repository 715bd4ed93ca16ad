"""The search stage: index records from the site model, Pagefind, the rules the browser shares."""
