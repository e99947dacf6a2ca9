from django.urls import path

from drugs import views

app_name = "drugs"
urlpatterns = [
    path("", views.drug_list, name="list"),
    path("compare/", views.drug_compare, name="compare"),
    path("suggest/", views.drug_suggest, name="suggest"),
    path("classes/<slug:slug>/", views.class_detail, name="class_detail"),
    path("products/<slug:slug>/", views.product_detail, name="product_detail"),
    path("<slug:slug>/", views.drug_detail, name="detail"),
]
