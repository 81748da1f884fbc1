from wagtail import hooks


@hooks.register("register_admin_urls")
def register_token_urls():
    from django.urls import path

    from api import views

    return [path("api/tokens/", views.token_list, name="api_tokens")]


@hooks.register("register_account_menu_item")
def token_account_item(request):
    from django.urls import reverse

    return {
        "url": reverse("api_tokens"),
        "label": "API tokens",
        "help_text": "Tokens that let other software read and log records as you.",
    }
