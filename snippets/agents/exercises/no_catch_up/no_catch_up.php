<?php
// Exercise: nobody visits the site at night. Once the first visitor comes, the
// hourly Backup() must run once, and then once an hour: no catching up on the
// hours of the night.

function Backup()
{
   AddMessage2Log("Backup");
   return "Backup();";
}

CAgent::AddAgent("Backup();", "", "Y", 3600);
