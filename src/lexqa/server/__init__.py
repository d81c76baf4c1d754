"""HTTP surface (`lexqa serve`): a FastAPI app over one `lexqa.service.Session`, and the web page.

Only `lexqa.server.app` imports FastAPI (the optional extra `lexqa[server]`); `runner` and
`limits` are plain Python, shared with the MCP surface (`lexqa.mcp`).
"""
