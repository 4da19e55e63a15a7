"""Young reviewers (co-production): a worker gives a Children in Care Council member a link to go through a
draft questionnaire or an unpublished "You said, we did" page as a young person would, and to comment on any
page. links.py makes, opens and revokes links; comments.py keeps and lists comments; answers.py is what a
reviewer's answers become in their session cookie (nothing is stored). Changes flush; views commit."""
