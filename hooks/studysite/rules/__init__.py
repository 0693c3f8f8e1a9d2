"""What the site checks: content rules, links, the HTML allowlist, resources, attachments, fonts, the built site."""
