"""The Gradio chat: a question box, the answer with [n] markers, and the source cards under it.

The chat shows answers as plain text (no Markdown or HTML rendering) and builds the source
cards itself with every document string escaped, because indexed documents are untrusted.
`ask` is also exposed as a JSON API endpoint (same shape as the CLI's --json) for scripts
and `gradio_client`.
"""

from __future__ import annotations

import gradio as gr

from assistant.answer import Answerer
from assistant.citations import sources_html

EXAMPLES = [
    "What did inspectors say about care leavers?",
    "What overall grade did Manchester get in 2022?",
    "What areas did Ofsted say needed to improve?",
    "Which action came from the SEND inspection?",
    "Who declared an interest at the committee?",
]

CSS = """
.source-card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 8px 0; overflow-wrap: anywhere; }
.source-quote { margin: 6px 0; padding-left: 10px; border-left: 3px solid #8c959f; white-space: normal; }
.source-path { color: #57606a; font-size: 0.85em; }
.source-n { font-weight: bold; }
"""


def index_summary(answerer: Answerer) -> str:
    passages = answerer.retriever.passages.values()
    documents = {p.source for p in passages}
    return f"{len(documents)} documents indexed ({len(answerer.retriever.passages)} passages)."


def build_app(answerer: Answerer) -> gr.Blocks:
    def respond(question: str, history: list[dict]):
        history = list(history or [])
        question = (question or "").strip()
        if not question:
            return "", history, ""
        answer = answerer.run(question)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
        return "", history, sources_html(answer)

    def ask(question: str) -> dict:
        """Answer one question: {question, answer, answered, citations[n, source, title, kind, page, quote]}."""
        return answerer.run(question).to_dict()

    with gr.Blocks(title="Inspection assistant") as app:
        gr.Markdown(
            "## Inspection assistant\n"
            "Ask about the indexed Ofsted reports, committee minutes and action plans. "
            "Every answer quotes the documents and cites them; when they don't say, it tells you."
        )
        gr.Markdown(index_summary(answerer), elem_id="index-status")
        chatbot = gr.Chatbot(label="Answers", render_markdown=False, height=380, elem_id="chat")
        with gr.Row():
            question = gr.Textbox(
                label="Question", placeholder=EXAMPLES[0], scale=5, elem_id="question", autofocus=True
            )
            send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
        sources = gr.HTML(elem_id="sources")
        gr.Examples(EXAMPLES, inputs=question)
        for trigger in (send.click, question.submit):
            trigger(respond, [question, chatbot], [question, chatbot, sources], api_visibility="private")
        gr.api(ask, api_name="ask")
    return app


def check_access(settings) -> str | None:
    """Why the chat must not start with these settings, or None. (Issue 5 fills this in.)"""
    return None


def launch(answerer: Answerer, settings, **kwargs) -> None:
    build_app(answerer).launch(server_name=settings.host, server_port=settings.port, css=CSS, **kwargs)
